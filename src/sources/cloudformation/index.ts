export { loadCloudFormation, resolveTemplate, type LoadTemplateExtra } from './load.js';
export { parseTemplate, locationOf, type ParsedTemplate } from './parse.js';
export { checkFileSize, decodeTemplate, readTemplateFile, readTemplateFileSync } from './read.js';
export { looksLikeCloudFormation } from './sniff.js';
export { isModelledType, judgeResourceType, type TypeVerdict } from './modelled-types.js';
export { KNOWN_RESOURCE_TYPES } from './resource-types.js';
export { computeCidr } from './cidr.js';
