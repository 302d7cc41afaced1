// Rollup plugin: collapses the whitespace in the static parts of Lit's html`…` and css`…` templates of
// TypeScript/JavaScript sources (before esbuild transpiles them). esbuild minifies code but keeps
// template text verbatim, and indentation is most of a Lit element's template bytes.
// html: runs of whitespace become one space, which is how HTML renders them anyway (whitespace between
// two tags is kept as one space: between inline elements it is visible). css: comments are dropped, runs of whitespace become one space, and spaces next to
// `{ } ; , :` (outside selectors' `:` pseudo-classes, which are left alone) are dropped.
// Parts of templates with a <pre> or <textarea>, and css parts with strings or url(), are left as they
// are. Nothing here may change what renders: the browser tests run the built bundle.

const TAGS = {html: minifyHtml, css: minifyCss};

function minifyHtml(text) {
  if (/<(pre|textarea)[\s>]/i.test(text)) return text;
  return text.replace(/\s+/g, ' ');
}

function minifyCss(text) {
  // Strings, url() and content can hold spaces and punctuation that must stay as written.
  if (/["']\s|\s["']|url\(|content\s*:/i.test(text)) return text;
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/([{;]-{0,2}[\w-]+) ?: ?/g, '$1:');
}

/**
 * Rewrites `code`: every template literal tagged `html` or `css` gets its static text minified; other
 * code (strings, comments, untagged templates, `${…}` expressions) is copied unchanged, and templates
 * nested in expressions are handled too.
 */
export function minifyTemplateLiterals(code) {
  let out = '';
  let i = 0;
  const n = code.length;

  // Copies a quoted string starting at code[i] (the quote), returns nothing.
  const copyString = (quote) => {
    out += code[i++];
    while (i < n && code[i] !== quote) {
      if (code[i] === '\\') out += code[i++];
      out += code[i++];
    }
    out += code[i++] ?? '';
  };

  // Copies JS code until an unmatched `}` (when inExpression) or the end.
  const copyCode = (inExpression) => {
    let depth = 0;
    while (i < n) {
      const c = code[i];
      if (c === "'" || c === '"') copyString(c);
      else if (c === '/' && code[i + 1] === '/') {
        const end = code.indexOf('\n', i);
        const stop = end === -1 ? n : end;
        out += code.slice(i, stop);
        i = stop;
      } else if (c === '/' && code[i + 1] === '*') {
        const end = code.indexOf('*/', i + 2);
        const stop = end === -1 ? n : end + 2;
        out += code.slice(i, stop);
        i = stop;
      } else if (c === '`') {
        const tag = /(?:^|[^\w$.])(html|css)\s*$/.exec(code.slice(Math.max(0, i - 12), i))?.[1];
        copyTemplate(tag ? TAGS[tag] : null);
      } else if (c === '{') {
        depth++;
        out += code[i++];
      } else if (c === '}') {
        if (inExpression && depth === 0) return;
        depth--;
        out += code[i++];
      } else out += code[i++];
    }
  };

  // Copies a template literal starting at the backtick; `minify` applies to each static chunk.
  const copyTemplate = (minify) => {
    out += code[i++];
    let chunk = '';
    const flush = () => {
      out += minify ? minify(chunk) : chunk;
      chunk = '';
    };
    while (i < n) {
      const c = code[i];
      if (c === '\\') {
        chunk += code[i] + (code[i + 1] ?? '');
        i += 2;
      } else if (c === '`') {
        flush();
        out += code[i++];
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        flush();
        out += '${';
        i += 2;
        copyCode(true);
        out += code[i++] ?? '';
      } else chunk += code[i++];
    }
    flush();
  };

  copyCode(false);
  return out;
}

/** - `include`: which module ids to rewrite (default: this repo's `.ts` sources outside node_modules). */
export function minifyTemplates({
  include = (id) => /\.ts$/.test(id) && !id.includes('node_modules'),
} = {}) {
  return {
    name: 'crmkit-minify-templates',
    transform(code, id) {
      if (!include(id) || !/\b(html|css)`/.test(code)) return null;
      return {code: minifyTemplateLiterals(code), map: null};
    },
  };
}
