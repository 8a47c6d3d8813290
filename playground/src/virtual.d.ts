/** The shipped rule files as text, by file name (made by playground/build.mjs from rules/*.json). */
declare module 'virtual:shipped-rules' {
  const files: Readonly<Record<string, string>>;
  export default files;
}
