import { bundleElements } from './bundle.js';
const b = await bundleElements({ entry: 'src/entries/opportunity-card.ts', catalogs: false });
console.log(b.fileName, b.gzipBytes, b.parts.map((p) => [p.fileName, p.initial, p.gzipBytes]));
