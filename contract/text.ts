/**
 * What a person's name, an address line or a device's nickname may contain. Refused: characters that
 * break lines, that are invisible, or that change how the text around them is shown, so no name can
 * carry a hidden line or be made to look like another:
 * - control characters (C0, DEL, C1) and the Unicode line and paragraph separators (U+2028, U+2029);
 * - format characters (general category Cf): bidi marks, embeddings, overrides and isolates (LRM, RLM,
 *   ALM, U+202A–U+202E, U+2066–U+2069), zero-width space, word joiner, invisible operators, the BOM,
 *   soft hyphen, Mongolian vowel separator, interlinear annotation marks, tag characters;
 * - characters that render as nothing although they are letters or marks: the combining grapheme
 *   joiner (U+034F), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the Khmer inherent vowels
 *   (U+17B4, U+17B5);
 * - unpaired surrogates (category Cs).
 * Kept, because real names need them: the zero-width non-joiner and joiner (U+200C, U+200D) between two
 * letters or marks (Persian, Hindi, Malayalam, Sinhala spell words with them), and the joiner inside
 * an emoji sequence.
 */
const JOINER_IN_WORD = /(?<=\p{L}|\p{M})(?:\u200c|\u200d)(?=\p{L}|\p{M})/gu;
const JOINER_IN_EMOJI = /(?<=\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f)\u200d(?=\p{Extended_Pictographic})/gu;
const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]|\u034f|\u17b4|\u17b5/u;

/** The message beside a field that holds a refused character. */
export const HIDDEN_CHARACTERS_MESSAGE = "Must not contain line breaks, control characters or invisible characters.";

/** Whether `text` is free of line breaks and of hidden or disguising characters (see above). */
export function isDisplaySafe(text: string): boolean {
  return !REFUSED.test(text.replace(JOINER_IN_WORD, "").replace(JOINER_IN_EMOJI, ""));
}
