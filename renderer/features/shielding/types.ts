// Types of the shielding screens, shared by the tab and its dialogs.
import type { In, Out } from '../../api/client.ts';

export type Shield = Out<'shielding.list'>[number];
export type ShieldTarget = In<'shielding.place'>['target'];
export type ShieldAudience = In<'shielding.place'>['audiences'][number];
export type Audiences = Out<'shielding.audiences'>;
