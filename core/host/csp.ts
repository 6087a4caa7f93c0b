// The one Content-Security-Policy of the app: sent as a header by browser mode and by the
// Electron session, and written into the built index.html as a meta tag, so a file:// page
// keeps it even where response headers do not apply.
export const CONTENT_SECURITY_POLICY_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Mantine injects style tags at runtime
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_DIRECTIVES.join('; ');

/** Meta tags ignore frame-ancestors (and warn about it); X-Frame-Options covers framing there. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
