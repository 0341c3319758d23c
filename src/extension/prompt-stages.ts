// Which step of a multi-step prompt is on screen. The in-VS Code tests answer the real QuickPick and InputBox
// at the right moment by it (read through the API that activate returns, never a command).
export class PromptStages<Stage extends string> {
  private stage: Stage | undefined;

  get current(): Stage | undefined {
    return this.stage;
  }

  /** Marks `stage` as shown until `prompt` settles (the prompt is already on screen when this is called). */
  async during<T>(stage: Stage, prompt: Thenable<T>): Promise<T> {
    this.stage = stage;
    try {
      return await prompt;
    } finally {
      if (this.stage === stage) this.stage = undefined;
    }
  }
}
