// "Now" is a collaborator like the shop or the mailer: the core never reads the wall clock itself. The two
// composition roots (the CLI's entry point, the extension's activation) pass the system clock; tests pass a
// fixed one, so every date the core computes is the same on any day and in any zone.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
