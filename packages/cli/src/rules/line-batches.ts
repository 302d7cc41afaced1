import {StringDecoder} from 'node:string_decoder';

/**
 * The lines of a byte stream, one batch per chunk read (without their `\n` or `\r\n`), so a caller
 * handles each chunk's lines synchronously and nothing waits in a queue: memory stays flat whatever
 * the file size. A last line without a newline is included; UTF-8 split across chunks is decoded
 * correctly.
 */
export async function* lineBatches(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const split = (text: string): string[] => {
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
    return lines;
  };
  for await (const chunk of stream) {
    const lines = split(rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    if (lines.length) yield lines;
  }
  const last = rest + decoder.end();
  if (last !== '') yield [last.endsWith('\r') ? last.slice(0, -1) : last];
}
