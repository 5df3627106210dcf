/**
 * A start-up failure with one sentence that says what to do. The CLI prints only the sentence
 * (no stack) and exits non-zero.
 */
export class StartupError extends Error {
  constructor(sentence: string) {
    super(sentence);
    this.name = 'StartupError';
  }
}
