// Which calls are the control plane's. Express and the validator match paths without regard to case, so this reads
// them the same way: `/_EMULATOR/state` is a control call, for the token guard and for the journal alike.
export const isControlPath = (path: string): boolean => path.toLowerCase().startsWith("/_emulator/");
