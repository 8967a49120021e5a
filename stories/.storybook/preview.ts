import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../../packages/elements/custom-elements.json';
import '../../packages/elements/src/index.js';

// Docs tables and controls come from the components' JSDoc, via the generated manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    docs: { toc: true },
  },
  tags: ['autodocs'],
};

export default preview;
