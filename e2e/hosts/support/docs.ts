// docs/getting-started.md as the host tests read it: its code blocks, which must come from the host
// files here, and the `npx crmkit` commands of its steps, which the test runs as written.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GUIDE = fileURLToPath(new URL('../../../docs/getting-started.md', import.meta.url));

export interface CodeBlock {
  lang: string;
  code: string;
  /** The heading of the section the block is in. */
  section: string;
}

/** Every fenced code block of the guide, with its language and section. */
export function guideBlocks(): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let section = '';
  let open: CodeBlock | null = null;
  for (const line of readFileSync(GUIDE, 'utf8').split('\n')) {
    if (open) {
      if (line.trim() === '```') {
        blocks.push(open);
        open = null;
      } else open.code += `${line}\n`;
    } else if (line.startsWith('```')) open = { lang: line.slice(3).trim(), code: '', section };
    else if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
  }
  return blocks;
}

/** The lines of a piece of code as compared: indentation and blank lines aside. */
export const codeLines = (code: string) =>
  code
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Whether `block`'s lines appear, in order and one after another, among `file`'s. */
export function quotes(file: string, block: string): boolean {
  const haystack = codeLines(file).join('\n');
  return `\n${haystack}\n`.includes(`\n${codeLines(block).join('\n')}\n`);
}

/**
 * The `npx crmkit …` commands of the guide's numbered steps whose heading starts with one of
 * `steps` (e.g. `2.`), as argument lists: double quotes group words, `#` starts a comment.
 */
export function guideCommands(steps: string[]): string[][] {
  return guideBlocks()
    .filter((block) => block.lang === 'sh' && steps.some((step) => block.section.startsWith(step)))
    .flatMap((block) => block.code.split('\n'))
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter((line) => line.startsWith('npx crmkit '))
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!));
}
