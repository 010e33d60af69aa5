export { loadCdkAssembly } from './load.js';
export { environmentOf, isCdkAssembly, looksLikeCdkManifest, parseManifest, type CdkArtifact, type CdkManifest } from './manifest.js';
