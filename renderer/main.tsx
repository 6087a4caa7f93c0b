import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import './i18n/index.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureCode } from './api/transport.ts';
import { App } from './App.tsx';
import { bootSession } from './state/boot.ts';

// The address's one-time code becomes this tab's session before the first call.
void captureCode().finally(() => {
  void bootSession();
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
});
