// The questions only the user may answer: a secret (typed into a masked input box, never passed in by a caller)
// and a modal decision (confirming a reset, the bulk guard). Every feature asks through one Prompter; outside
// ExtensionMode.Test it is VS Code's own UI. In test mode the in-VS Code tests queue the answers on the API that
// activate returns (VS Code refuses to show modal dialogs while it runs extension tests).
import * as vscode from 'vscode';

export interface SecretQuestion {
  title: string;
  prompt: string;
  /** Masked input (default true); a user name is shown as typed. */
  password?: boolean;
  /** Refuses an empty answer with this message (Esc still cancels). */
  required?: string;
}

export interface ModalQuestion<Choice extends string> {
  message: string;
  detail?: string;
  /** An error dialog instead of a warning (default). */
  error?: boolean;
  /** The buttons, in order; closing the dialog answers undefined. */
  choices: ReadonlyArray<{ id: Choice; label: string }>;
}

export interface Prompter {
  /** The text typed, or undefined when the user pressed Esc. */
  secret(question: SecretQuestion): Promise<string | undefined>;
  /** The chosen button's id, or undefined when the dialog was closed. */
  modal<Choice extends string>(question: ModalQuestion<Choice>): Promise<Choice | undefined>;
}

export const windowPrompter: Prompter = {
  async secret(question) {
    return vscode.window.showInputBox({
      title: question.title,
      prompt: question.prompt,
      password: question.password ?? true,
      ignoreFocusOut: true,
      validateInput: question.required ? (input) => (input.trim() ? undefined : question.required) : undefined,
    });
  },
  async modal(question) {
    const show = question.error ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const answer = await show(
      question.message,
      { modal: true, detail: question.detail },
      ...question.choices.map((choice) => choice.label),
    );
    return question.choices.find((choice) => choice.label === answer)?.id;
  },
};

/** A queued answer: text for a secret, a button id for a modal, or the user pressing Esc / closing. */
export type PromptAnswer = { secret: string } | { choose: string } | { dismiss: true };

/** A question as the user would have seen it (the secret's title, the modal's message). */
export interface AskedPrompt {
  kind: 'secret' | 'modal';
  text: string;
}

/** Test mode only: answers from a queue, in order; with the queue empty, the real UI asks. */
export class ScriptedPrompter implements Prompter {
  private readonly queue: PromptAnswer[] = [];
  private readonly seen: AskedPrompt[] = [];

  constructor(private readonly fallback: Prompter) {}

  /** Queues answers for the next questions. */
  answer(...answers: PromptAnswer[]): void {
    this.queue.push(...answers);
  }

  /** Every question asked so far (answered from the queue or not). */
  asked(): readonly AskedPrompt[] {
    return [...this.seen];
  }

  /** Answers still queued (a test checks that its questions came). */
  pending(): number {
    return this.queue.length;
  }

  async secret(question: SecretQuestion): Promise<string | undefined> {
    this.seen.push({ kind: 'secret', text: question.title });
    const next = this.queue.shift();
    if (!next) return this.fallback.secret(question);
    if ('dismiss' in next) return undefined;
    if (!('secret' in next))
      throw new Error(`A secret was asked ("${question.title}") but the next queued answer is ${JSON.stringify(next)}`);
    return next.secret;
  }

  async modal<Choice extends string>(question: ModalQuestion<Choice>): Promise<Choice | undefined> {
    this.seen.push({ kind: 'modal', text: question.message });
    const next = this.queue.shift();
    if (!next) return this.fallback.modal(question);
    if ('dismiss' in next) return undefined;
    const choice = 'choose' in next ? question.choices.find((c) => c.id === next.choose) : undefined;
    if (!choice)
      throw new Error(
        `"${question.message}" offers ${question.choices.map((c) => c.id).join(', ')}; the next queued answer is ${JSON.stringify(next)}`,
      );
    return choice.id;
  }
}
