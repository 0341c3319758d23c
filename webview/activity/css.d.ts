// esbuild loads .css as text (loader in esbuild.mjs).
declare module '*.css' {
  const text: string;
  export default text;
}
