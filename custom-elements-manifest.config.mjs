// `npm run manifest` (part of `npm run build`): dist/custom-elements.json from the element's JSDoc and its static `properties`.
export default {
  globs: ["widget/src/profile-widget.ts", "widget/src/profile-widget.component.ts", "widget/src/events.ts"],
  outdir: "dist",
  litelement: true,
  // package.json already names it ("customElements"); the analyzer would otherwise rewrite that file on every build.
  packagejson: false,
};
