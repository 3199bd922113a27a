// Lists the WebGPU adapters Dawn finds. Usage: node adapters.mjs [backend] ; exit 0 iff one was found.
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const backend = process.argv[2] || '';
let found = false;
for (const fl of backend === 'opengles' ? ['compatibility'] : ['core', 'compatibility']) {
  try {
    const gpu = create(backend ? [`backend=${backend}`] : []);
    const a = await gpu.requestAdapter({ powerPreference: 'high-performance', featureLevel: fl });
    console.log(
      `ADAPTER backend=${backend || 'default'} featureLevel=${fl}:`,
      a
        ? JSON.stringify({
            vendor: a.info.vendor,
            arch: a.info.architecture,
            device: a.info.device,
            desc: a.info.description,
          })
        : null,
    );
    if (a) {
      found = true;
      break;
    }
  } catch (e) {
    console.log(`ADAPTER backend=${backend || 'default'} featureLevel=${fl}: ERROR ${e.message}`);
  }
}
process.exit(found ? 0 : 1);
