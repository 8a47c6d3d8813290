/** Stands in for codemirror-json-schema's Markdown renderer (see playground/build.mjs): descriptions as plain text. */
import { esc } from './html.js';

export function renderMarkdown(markdown: string): string {
  return esc(markdown);
}
