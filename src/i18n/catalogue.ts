/**
 * The one shape of every message catalogue: plan reasons (`messages-*.ts`), input and rule-set issues
 * (`issues-*.ts`), lint warnings (`workbench/lint-messages.ts`), a worklist's words (`worklist/words.ts`) and the
 * CLI's (`cli/cli-words.ts`). Each kind of message has a code, typed params per code (`P`), and one catalogue per
 * locale: for each code a function from its params — and, where a message names days, instants or rules, the
 * locale's words (`W`) — to the sentence. A catalogue missing a code, or reading a param its code does not have, does
 * not compile.
 */
import type { Locale } from './explanation.js';

/** One locale's sentences for the codes of `P` (code → params), made with the locale's words `W` where they need them. */
export type Catalogue<P, W = void> = { readonly [C in keyof P]: (p: P[C], w: W) => string };

/** A catalogue in every locale. */
export type Catalogues<P, W = void> = Readonly<Record<Locale, Catalogue<P, W>>>;
