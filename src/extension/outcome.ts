// What a feature's action answers: ok or not, and one line a consultant reads (the server's answer or the
// diagnosis; never a secret). The palette command shows it as a notification, the settings form beside the
// button that asked. A service answers undefined when the user dismissed one of its prompts.
export interface Outcome {
  ok: boolean;
  message: string;
}
