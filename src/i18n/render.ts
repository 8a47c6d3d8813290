/** Renders reasons as data into sentences of one locale. */
import type { Explanation, Locale } from './explanation.js';
import type { Catalogues } from './catalogue.js';
import { EN_MESSAGES, type Messages, type ReasonMessageParams } from './messages-en.js';
import type { ReasonParams } from './reason-params.js';
import { ZH_CN_MESSAGES } from './messages-zh-cn.js';
import { NO_NAMES, Words, type Names } from './words.js';

const MESSAGES: Catalogues<ReasonMessageParams, Words> = { en: EN_MESSAGES, 'zh-CN': ZH_CN_MESSAGES };
/** A message as the renderer calls it: an explanation's code is only known as text when it is read back. */
type AnyMessage = (p: Readonly<Record<string, string | number>>, w: Words) => string;

/** The sentences of one locale, with one rule set's display names. */
export class Renderer {
  readonly words: Words;
  private readonly messages: Messages;
  private readonly colon: string;

  /**
   * @param text Whether plans carry their reasons as text (`reasons`, `reason`, `warnings`) beside the data; a
   *   data-only renderer still gives words (purpose labels) and orders equal suppressions by their text.
   */
  constructor(
    readonly locale: Locale,
    private readonly names: Names = NO_NAMES,
    readonly text = true,
  ) {
    this.words = new Words(locale, names);
    this.messages = MESSAGES[locale];
    this.colon = locale === 'en' ? ': ' : '：';
  }

  /** The same locale and names, data only (made once). */
  dataOnly(): Renderer {
    if (!this.text) return this;
    this.data ??= new Renderer(this.locale, this.names, false);
    return this.data;
  }
  private data: Renderer | undefined;

  /** One explanation as a sentence, with the rule it cites; said of a merged purpose (`of`), indented under it. */
  render(e: Explanation): string {
    // Some explanations are shared (a plan's channel change, the escalations' safety note): said once in a row.
    if (e === this.last) return this.lastText;
    this.last = e;
    this.lastText = this.say(e);
    return this.lastText;
  }
  private last: Explanation | undefined;
  private lastText = '';

  private say(e: Explanation): string {
    const message = Object.hasOwn(this.messages, e.code)
      ? (this.messages[e.code as keyof ReasonParams] as AnyMessage)
      : undefined;
    const text = (message === undefined ? e.code : message(e.params, this.words)) + this.words.rule(e.ruleId);
    const of = e.params.of;
    if (of === undefined) return text;
    let prefix = '';
    for (const purpose of String(of).split('/')) prefix += `  ${this.words.purpose(purpose)}${this.colon}`;
    return prefix + text;
  }

  /** Each explanation as a sentence. */
  renderAll(list: readonly Explanation[]): string[] {
    const out = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.render(list[i] as Explanation);
    return out;
  }

  /**
   * A suppression or warning given as a main explanation and details: `main: detail; detail`.
   */
  renderWithDetails(list: readonly Explanation[]): string {
    const [main, ...details] = list;
    if (main === undefined) return '';
    const head = this.render(main);
    return details.length === 0
      ? head
      : `${head}${this.colon}${details.map((d) => this.render(d)).join(this.locale === 'en' ? '; ' : '；')}`;
  }
}
