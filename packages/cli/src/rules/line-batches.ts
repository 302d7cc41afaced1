import {StringDecoder} from 'node:string_decoder';

/**
 * The longest line `crmkit rules simulate` reads from an NDJSON file: 1 MiB of text (1,048,576
 * characters). A lead is a few hundred bytes; without a limit one line of 100 MB was held whole and
 * searched again for its end with every 64 KiB chunk (35 s and 1.1 GB before it even parsed).
 */
export const MAX_LINE_LENGTH = 1024 * 1024;

/** In place of a line longer than the limit: its characters are dropped as they are read. */
export interface LongLine {
  tooLong: true;
  /** The line's length in characters, without its newline. */
  length: number;
}

/**
 * The lines of a byte stream, one batch per chunk read (without their `\n` or `\r\n`), so a caller
 * handles each chunk's lines synchronously and nothing waits in a queue: memory stays flat whatever
 * the file size. A last line without a newline is included; UTF-8 split across chunks is decoded
 * correctly. A line longer than `maxLength` characters comes as a `LongLine` in its place (so line
 * numbers still count), and is never held in memory: at most `maxLength` characters are.
 */
export async function* lineBatches(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: {maxLength?: number} = {},
): AsyncGenerator<Array<string | LongLine>> {
  const maxLength = options.maxLength ?? MAX_LINE_LENGTH;
  const decoder = new StringDecoder('utf8');
  let rest = '';
  /** The too-long line being skipped, until its newline. */
  let skipping: LongLine | undefined;
  const line = (text: string, start: number, end: number): string | LongLine =>
    end - start > maxLength ? {tooLong: true, length: end - start} : text.slice(start, end);
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const lines: Array<string | LongLine> = [];
    if (skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) {
        skipping.length += text.length;
        continue;
      }
      skipping.length += nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(skipping);
      skipping = undefined;
      text = text.slice(nl + 1);
    } else {
      text = rest + text;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(line(text, start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > maxLength) {
      skipping = {tooLong: true, length: rest.length};
      rest = '';
    }
    if (lines.length) yield lines;
  }
  if (skipping) {
    skipping.length += decoder.end().length;
    yield [skipping];
    return;
  }
  const last = rest + decoder.end();
  if (last !== '') {
    const end = last.endsWith('\r') ? last.length - 1 : last.length;
    yield [line(last, 0, end)];
  }
}
