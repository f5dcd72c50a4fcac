import type { AskConfig, ChooseConfig, ConfirmConfig, Prompter } from '../../src/prompts.js';

export interface Script {
  /** Matched against the question, in order; each answers once. */
  answers: [pattern: RegExp, answer: string | boolean][];
}

/**
 * A Prompter that answers from a script, as a person at the terminal would: it takes a question's
 * default on an empty answer and applies the question's validation, failing the test if an answer
 * would have been refused. It records every question it was asked.
 */
export function scriptedPrompter(script: Script): Prompter & { asked: (AskConfig | ConfirmConfig | ChooseConfig)[] } {
  const queue = [...script.answers];
  const asked: (AskConfig | ConfirmConfig | ChooseConfig)[] = [];
  const next = (message: string) => {
    const index = queue.findIndex(([pattern]) => pattern.test(message));
    if (index !== 0)
      throw new Error(`Unexpected question: "${message}"; next scripted answer is for ${queue[0]?.[0] ?? 'nothing'}`);
    return queue.shift()![1];
  };
  return {
    asked,
    async ask(config) {
      asked.push(config);
      const typed = String(next(config.message));
      const answer = typed === '' ? (config.default ?? '') : typed;
      const valid = config.validate?.(answer) ?? true;
      if (valid !== true) throw new Error(`The answer "${answer}" to "${config.message}" was refused: ${valid}`);
      return answer;
    },
    async confirm(config) {
      asked.push(config);
      return Boolean(next(config.message));
    },
    async choose(config) {
      asked.push(config);
      // An empty answer is Enter on the default; anything else must be one of the choices.
      const typed = String(next(config.message));
      const answer = typed === '' ? config.default : typed;
      if (!config.choices.some((choice) => choice.value === answer))
        throw new Error(`"${answer}" is not a choice of "${config.message}"`);
      return answer;
    },
  };
}
