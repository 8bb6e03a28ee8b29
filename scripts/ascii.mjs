// Part of `npm run build`: the text with every character beyond ASCII written as a \u escape, which JavaScript and
// JSON read back as the character (src/read-text.ts says why the build's files are ASCII). For JavaScript, only where
// an escape means the character: esbuild's output with `charset: "ascii"` has them in comments only.
export const escapeNonAscii = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
