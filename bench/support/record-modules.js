// Preloaded with `node --import` by bench/cold-start.js: registers the hook that records every
// module the ESM loader loads (see module-hooks.js).
import { register } from 'node:module';

register('./module-hooks.js', import.meta.url);
