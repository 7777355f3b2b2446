/** Vite's `?raw` suffix: the file's text as a string (the base-docs page shows the client's source). */
declare module '*?raw' {
  const text: string;
  export default text;
}
