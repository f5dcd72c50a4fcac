import { JobSearchError } from '@jobsearchai/core';

export interface AskConfig {
  message: string;
  default?: string;
  /** true, or what is wrong with the answer (asked again). */
  validate?: (value: string) => true | string;
}

export interface ConfirmConfig {
  message: string;
  default: boolean;
}

export interface ChooseConfig {
  message: string;
  /** `name` is what is shown, `value` what is answered. */
  choices: { value: string; name: string }[];
  /** The value chosen on Enter. */
  default: string;
}

/** The questions a command asks; tests and other front ends supply their own. */
export interface Prompter {
  ask(config: AskConfig): Promise<string>;
  confirm(config: ConfirmConfig): Promise<boolean>;
  /** One of a few answers, picked with the arrow keys. */
  choose(config: ChooseConfig): Promise<string>;
}

/**
 * The same questions, with the time spent waiting for answers added up: a command's working time
 * (and its records/s) must not include the minutes a person took to type.
 */
export function timedPrompter(
  prompter: Prompter,
  clock: () => number = () => performance.now(),
): { prompter: Prompter; waitedMs: () => number } {
  let waited = 0;
  const timed = async <T>(question: () => Promise<T>): Promise<T> => {
    const asked = clock();
    try {
      return await question();
    } finally {
      waited += clock() - asked;
    }
  };
  return {
    prompter: {
      ask: (config) => timed(() => prompter.ask(config)),
      confirm: (config) => timed(() => prompter.confirm(config)),
      choose: (config) => timed(() => prompter.choose(config)),
    },
    waitedMs: () => waited,
  };
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Prompts in the terminal with @inquirer/prompts; Ctrl-C becomes a CANCELLED error. */
export function terminalPrompter(streams: PromptStreams = {}): Prompter {
  return {
    // Loaded at the first prompt: commands that never ask (and --help) stay fast.
    ask: async (config) =>
      cancellable((await import('@inquirer/prompts')).input({ ...config, default: config.default }, streams)),
    confirm: async (config) => cancellable((await import('@inquirer/prompts')).confirm(config, streams)),
    choose: async (config) => cancellable((await import('@inquirer/prompts')).select(config, streams)),
  };
}

async function cancellable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError')
      throw new JobSearchError('CANCELLED', 'Cancelled at a prompt; nothing was written.');
    throw error;
  }
}
