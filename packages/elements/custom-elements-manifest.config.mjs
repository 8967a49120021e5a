// Generates custom-elements.json from the components' JSDoc: `npm run analyze -w packages/elements`.
// Storybook reads it for its docs and controls; editors and linters can use it too.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The glob lists files in whatever order the file system yields them, so the tracked
      // manifest changed on every run: order modules by path (declarations keep source order).
      name: 'crmkit-stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // Private and #private members are no one's API: keep them out of docs and controls.
      name: 'crmkit-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter(
              (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
            );
          }
        }
      },
    },
  ],
};
