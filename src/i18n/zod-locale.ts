/** zod's own messages per locale, given per call: the embedding application's zod config is never changed. */
import { z } from 'zod';
import type { Locale } from './explanation.js';

let zhCN: { error: z.core.$ZodErrorMap } | undefined;

/** The parse options that give zod's messages in `locale` (none for English, zod's default). */
export function zodParams(locale: Locale | undefined): { error: z.core.$ZodErrorMap } | undefined {
  if (locale !== 'zh-CN') return undefined;
  return (zhCN ??= { error: z.locales.zhCN().localeError });
}
