// Probe: does tfjs-backend-webgpu 4.22.0 run in Node via the `webgpu` (Dawn) npm package,
// and how fast are conv3d and a small 3D U-Net training step?
// Usage: node probe.mjs [--backend webgpu|cpu] [--small] [--watchdog SECONDS] [--dawn-flags a,b]
const T0 = Date.now();
const argv = process.argv.slice(2);
function arg(name, def) {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
}
const SMALL = argv.includes('--small');
const BACKEND = arg('--backend', 'webgpu');
const WATCHDOG_S = Number(arg('--watchdog', SMALL ? 120 : 300));
const DEADLINE = T0 + (WATCHDOG_S - 8) * 1000; // soft deadline for adaptive loops
const DAWN_FLAGS = arg('--dawn-flags', '') ? arg('--dawn-flags', '').split(';') : [];
const FEATURE_LEVEL = arg('--feature-level', ''); // e.g. 'compatibility' for Dawn's GLES backend (local test only)

const el = () => ((Date.now() - T0) / 1000).toFixed(1).padStart(6);
const log = (...a) => console.log(`[${el()}s]`, ...a);
const RESULT = (name, value, unit, extra = '') =>
  console.log(
    `RESULT ${name} ${typeof value === 'number' ? +value.toPrecision(5) : value} ${unit}${extra ? '  # ' + extra : ''}`,
  );
const FAILED = (name, e) => {
  console.log(`FAILED ${name} ${e && e.message ? e.message.split('\n')[0] : String(e)}`);
  if (e && e.stack) console.log(e.stack.split('\n').slice(0, 12).join('\n'));
};
const left = () => (DEADLINE - Date.now()) / 1000;

setTimeout(() => {
  log(`WATCHDOG: ${WATCHDOG_S}s reached, exiting`);
  console.log('FAILED watchdog timed out (results above are partial)');
  process.exit(3);
}, WATCHDOG_S * 1000);
process.on('unhandledRejection', (e) => FAILED('unhandledRejection', e));

log(`node ${process.version} ${process.platform}-${process.arch} backend=${BACKEND} small=${SMALL}`);

// ---------------------------------------------------------------- WebGPU globals + adapter
let gpuOk = false;
if (BACKEND === 'webgpu') {
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const rawGpu = create(DAWN_FLAGS);
    const gpu = FEATURE_LEVEL
      ? {
          requestAdapter: (o = {}) => rawGpu.requestAdapter({ ...o, featureLevel: FEATURE_LEVEL }),
          getPreferredCanvasFormat: () => 'rgba8unorm',
          wgslLanguageFeatures: rawGpu.wgslLanguageFeatures,
          raw: rawGpu,
        }
      : rawGpu;
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, writable: true, configurable: true });
    log('dawn.node loaded; requesting adapter (flags: ' + JSON.stringify(DAWN_FLAGS) + ')');
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null (no WebGPU adapter)');
    let info = adapter.info;
    if (!info && adapter.requestAdapterInfo) info = await adapter.requestAdapterInfo();
    const pick = (o, ks) => Object.fromEntries(ks.map((k) => [k, o?.[k]]));
    log(
      'adapter info: ' +
        JSON.stringify(
          pick(info, ['vendor', 'architecture', 'device', 'description', 'backendType', 'adapterType']),
        ),
    );
    RESULT(
      'adapter',
      JSON.stringify(`${info?.vendor}/${info?.architecture}/${info?.device}/${info?.description}`),
      '',
    );
    const L = adapter.limits;
    for (const k of [
      'maxStorageBufferBindingSize',
      'maxBufferSize',
      'maxComputeWorkgroupStorageSize',
      'maxComputeWorkgroupsPerDimension',
      'maxComputeInvocationsPerWorkgroup',
      'maxStorageBuffersPerShaderStage',
    ]) {
      RESULT(`limit_${k}`, L[k], '');
    }
    log('features: ' + [...adapter.features].join(','));
    gpuOk = true;
  } catch (e) {
    FAILED('webgpu_adapter', e);
  }
}

// ---------------------------------------------------------------- tfjs
const tf = await import('@tensorflow/tfjs');
let wg = null;
try {
  wg = await import('@tensorflow/tfjs-backend-webgpu'); // registers 'webgpu' only if navigator.gpu exists
} catch (e) {
  FAILED('import_tfjs_backend_webgpu', e);
}
log(`tfjs ${tf.version.tfjs}; registered backends: ${Object.keys(tf.engine().registryFactory).join(',')}`);

async function setBackendVerbose(name) {
  const origWarn = console.warn;
  const warns = [];
  console.warn = (...a) => {
    warns.push(a.map((x) => (x && x.stack) || String(x)).join(' '));
  };
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    warns.push((e && e.stack) || String(e));
  } finally {
    console.warn = origWarn;
  }
  if (!ok && warns.length) console.log('setBackend(' + name + ') warnings:\n' + warns.join('\n'));
  return ok;
}

let backendOk = false;
if (BACKEND === 'webgpu') {
  if (gpuOk && wg) {
    backendOk = await setBackendVerbose('webgpu');
    if (!backendOk) {
      log('stock webgpu backend factory failed; retrying with a custom factory');
      try {
        tf.removeBackend('webgpu');
        tf.registerBackend(
          'webgpu',
          async () => {
            const adapter = await globalThis.navigator.gpu.requestAdapter({
              powerPreference: 'high-performance',
            });
            const L = adapter.limits;
            const requiredFeatures = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
            const device = await adapter.requestDevice({
              requiredFeatures,
              requiredLimits: {
                maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
                maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
                maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
                maxBufferSize: L.maxBufferSize,
                maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
                maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
              },
            });
            return new wg.WebGPUBackend(device, adapter.info);
          },
          3,
        );
        backendOk = await setBackendVerbose('webgpu');
      } catch (e) {
        FAILED('custom_webgpu_factory', e);
      }
    }
  }
  if (!backendOk) {
    console.log(
      'FAILED set_backend_webgpu could not initialise the tfjs webgpu backend (see above); nothing GPU-side will be measured',
    );
    RESULT('backend', tf.getBackend() ?? 'none', '');
    if (!argv.includes('--fallback-cpu')) {
      log('exiting (pass --fallback-cpu to run the tiny cpu tests anyway)');
      process.exit(2);
    }
    await tf.setBackend('cpu');
  }
} else {
  backendOk = await setBackendVerbose(BACKEND);
}
await tf.ready();
RESULT('backend', tf.getBackend(), '');
log(`tf backend = ${tf.getBackend()}`);

// ---------------------------------------------------------------- gradient for Conv3DBackpropInputV2 (conv3dTranspose)
try {
  const have = tf.getGradient && tf.getGradient('Conv3DBackpropInputV2');
  if (!have) {
    tf.registerGradient({
      kernelName: 'Conv3DBackpropInputV2',
      inputsToSave: ['dy', 'filter'],
      gradFunc: (ddx, saved, attrs) => {
        const [dy, filter] = saved;
        const { strides, pad } = attrs;
        return {
          dy: () => tf.conv3d(ddx, filter, strides, pad),
          filter: () =>
            tf
              .engine()
              .runKernel(
                'Conv3DBackpropFilterV2',
                { x: ddx, dy },
                { strides, pad, filterShape: filter.shape },
              ),
        };
      },
    });
    log('registered gradient for Conv3DBackpropInputV2 (conv3dTranspose)');
  } else log('Conv3DBackpropInputV2 gradient already registered');
} catch (e) {
  FAILED('register_conv3dtranspose_grad', e);
}

// ---------------------------------------------------------------- helpers
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// fn() must return a tensor (or array of tensors); completion forced by reading back a scalar sum.
async function runOnce(fn) {
  const t0 = performance.now();
  const r = tf.tidy(() => {
    const out = fn();
    const arr = Array.isArray(out) ? out : [out];
    return tf.addN(arr.map((t) => tf.sum(t)));
  });
  const v = await r.data();
  r.dispose();
  return { s: (performance.now() - t0) / 1000, v: v[0] };
}

// warm-up runs, then up to `reps` timed runs, stopping early if `budgetS` is exceeded.
async function bench(name, fn, { warm = 2, reps = 5, budgetS = 30 } = {}) {
  const tStart = Date.now();
  const warmTimes = [];
  for (let i = 0; i < warm; i++) {
    const { s } = await runOnce(fn);
    warmTimes.push(s);
    log(`${name}: warm-up ${i + 1}: ${s.toFixed(4)} s`);
    if ((Date.now() - tStart) / 1000 + s > budgetS || left() < s * 1.5) break;
  }
  const times = [];
  for (let i = 0; i < reps; i++) {
    const el0 = (Date.now() - tStart) / 1000;
    const est = times.length ? median(times) : warmTimes[warmTimes.length - 1];
    if (i > 0 && (el0 + est > budgetS || left() < est * 1.5)) break;
    if (i === 0 && left() < est * 1.5) break;
    const { s, v } = await runOnce(fn);
    times.push(s);
    if (!Number.isFinite(v)) log(`${name}: WARNING non-finite result ${v}`);
  }
  if (!times.length) {
    log(`${name}: no timed run fitted the budget; using last warm-up (includes compile)`);
    return { med: warmTimes[warmTimes.length - 1], n: 0, warm: warmTimes };
  }
  log(`${name}: times ${times.map((t) => t.toFixed(4)).join(', ')}`);
  return { med: median(times), n: times.length, warm: warmTimes };
}

const convFlops = (n, d, h, w, cin, cout, k = 3) => 2 * n * d * h * w * k * k * k * cin * cout;

async function kernelTime(fn) {
  // tf.time gives GPU kernel time when timestamp queries are available.
  try {
    const info = await tf.time(() => {
      const y = fn();
      y.dispose();
    });
    return info.kernelMs;
  } catch {
    return undefined;
  }
}

async function convSection(tag, shape, cout, { bwd = true, budgetS = 40 } = {}) {
  const [n, d, h, w, cin] = shape;
  const flops = convFlops(n, d, h, w, cin, cout);
  let x, f;
  try {
    x = tf.randomNormal(shape);
    f = tf.randomNormal([3, 3, 3, cin, cout], 0, 0.05);
    const r = await bench(`${tag}_fwd`, () => tf.conv3d(x, f, 1, 'same'), { budgetS });
    RESULT(`${tag}_fwd_time`, r.med, 's', `n=${r.n} shape=${shape} ->${cout}`);
    RESULT(`${tag}_fwd_gflops`, flops / r.med / 1e9, 'GFLOP/s', `flops=${(flops / 1e9).toFixed(2)}G`);
    const km = await kernelTime(() => tf.conv3d(x, f, 1, 'same'));
    if (typeof km === 'number' && km > 0) RESULT(`${tag}_fwd_kernel_ms`, km, 'ms', 'tf.time kernelMs');
  } catch (e) {
    FAILED(`${tag}_fwd`, e);
  }
  if (bwd) {
    const dy = tf.randomNormal([n, d, h, w, cout]);
    try {
      const r = await bench(
        `${tag}_bwd_input`,
        () =>
          tf
            .engine()
            .runKernel(
              'Conv3DBackpropInputV2',
              { dy, filter: f },
              { strides: [1, 1, 1], pad: 'same', inputShape: shape },
            ),
        { warm: 1, reps: 3, budgetS },
      );
      RESULT(`${tag}_bwd_input_time`, r.med, 's', `n=${r.n}`);
      RESULT(`${tag}_bwd_input_gflops`, flops / r.med / 1e9, 'GFLOP/s');
    } catch (e) {
      FAILED(`${tag}_bwd_input`, e);
    }
    try {
      const r = await bench(
        `${tag}_bwd_filter`,
        () =>
          tf
            .engine()
            .runKernel(
              'Conv3DBackpropFilterV2',
              { x, dy },
              { strides: [1, 1, 1], pad: 'same', filterShape: [3, 3, 3, cin, cout] },
            ),
        { warm: 1, reps: 3, budgetS },
      );
      RESULT(`${tag}_bwd_filter_time`, r.med, 's', `n=${r.n}`);
      RESULT(`${tag}_bwd_filter_gflops`, flops / r.med / 1e9, 'GFLOP/s');
    } catch (e) {
      FAILED(`${tag}_bwd_filter`, e);
    }
    try {
      // both gradients through the autodiff path (tf.grads of sum(conv3d)); includes the forward
      const g = tf.grads((xx, ff) => tf.sum(tf.conv3d(xx, ff, 1, 'same')));
      const r = await bench(`${tag}_grads`, () => g([x, f]), { warm: 1, reps: 3, budgetS });
      RESULT(`${tag}_fwd+bwd_grads_time`, r.med, 's', `n=${r.n} tf.grads(sum(conv3d)) -> dx,dw`);
      RESULT(`${tag}_fwd+bwd_grads_gflops`, (3 * flops) / r.med / 1e9, 'GFLOP/s', '3x fwd flops');
    } catch (e) {
      FAILED(`${tag}_grads`, e);
    }
    dy.dispose();
  }
  x?.dispose();
  f?.dispose();
}

// ---------------------------------------------------------------- a/b/c: conv3d
if (backendOk) {
  log('--- (a,b) conv3d small case');
  await convSection('conv3d_48', SMALL ? [1, 8, 8, 8, 8] : [1, 48, 48, 48, 32], SMALL ? 8 : 32, {
    budgetS: 30,
  });
  log('--- (c) conv3d large case (forward)');
  if (left() > 60)
    await convSection('conv3d_64b2', SMALL ? [2, 8, 8, 8, 8] : [2, 64, 64, 64, 32], SMALL ? 8 : 32, {
      bwd: false,
      budgetS: 25,
    });
  else console.log('FAILED conv3d_64b2 skipped: out of time');
}

// ---------------------------------------------------------------- d: 3D U-Net
// NOTE: tfjs-backend-webgpu 4.22 mis-compiles some rank-5 element-wise kernels (binary op with a
// rank-1 operand of <128 elements -> WGSL "cannot index type 'vec5'"; Select/where "rank 5 not
// supported", hit by leakyRelu's gradient). So all element-wise work here runs on rank-2/3 reshapes,
// and variables are stored flat (rank 1/2); only the conv kernels see rank-5 tensors.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randn(n, std, rng) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng() || 1e-9,
      v = rng();
    a[i] = std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return a;
}

function buildUNet({ inC, nCls, filters, norm, seed = 1 }) {
  const rng = mulberry32(seed);
  const vars = [];
  let flops = 0;
  const mkW = (k, cin, cout) => {
    const v = tf.variable(
      tf.tensor2d(randn(k * k * k * cin * cout, Math.sqrt(2 / (k * k * k * cin)), rng), [
        k * k * k * cin,
        cout,
      ]),
      true,
    );
    vars.push(v);
    return v;
  };
  const vec = (n, val) => {
    const v = tf.variable(tf.fill([n], val), true);
    vars.push(v);
    return v;
  };
  const convP = (cin, cout, k = 3, useNorm = norm) => ({
    w: mkW(k, cin, cout),
    b: vec(cout, 0),
    g: useNorm ? vec(cout, 1) : null,
    beta: useNorm ? vec(cout, 0) : null,
    cin,
    cout,
    k,
  });
  const enc = filters.map((fo, i) => [convP(i === 0 ? inC : filters[i - 1], fo), convP(fo, fo)]);
  const ups = [];
  const dec = [];
  for (let i = filters.length - 2; i >= 0; i--) {
    // conv3dTranspose filter [2,2,2,outC,inC], stored flat as [8*outC, inC]
    const cin = filters[i + 1],
      cout = filters[i];
    const v = tf.variable(
      tf.tensor2d(randn(8 * cout * cin, Math.sqrt(2 / (8 * cin)), rng), [8 * cout, cin]),
      true,
    );
    vars.push(v);
    ups.push({ w: v, cin, cout });
    dec.push([convP(2 * cout, cout), convP(cout, cout)]);
  }
  const head = convP(filters[0], nCls, 1, false);

  const block = (x, p, stride) => {
    const y5 = tf.conv3d(x, tf.reshape(p.w, [p.k, p.k, p.k, p.cin, p.cout]), stride, 'same');
    const [n, d, h, w, c] = y5.shape;
    flops += convFlops(n, d, h, w, p.cin, p.cout, p.k);
    let y = tf.add(tf.reshape(y5, [n, d * h * w, c]), p.b);
    if (norm) {
      const { mean, variance } = tf.moments(y, [1], true);
      y = tf.add(tf.mul(tf.mul(tf.sub(y, mean), tf.rsqrt(tf.add(variance, 1e-5))), p.g), p.beta);
    }
    y = tf.leakyRelu(y, 0.01);
    return tf.reshape(y, [n, d, h, w, c]);
  };
  const forward = (x) => {
    flops = 0;
    const skips = [];
    let y = x;
    enc.forEach(([c1, c2], i) => {
      y = block(y, c1, i === 0 ? 1 : 2);
      y = block(y, c2, 1);
      skips.push(y);
    });
    for (let j = 0; j < ups.length; j++) {
      const i = filters.length - 2 - j;
      const skip = skips[i];
      const u = ups[j];
      const [n, d, h, w] = skip.shape;
      const up = tf.conv3dTranspose(
        y,
        tf.reshape(u.w, [2, 2, 2, u.cout, u.cin]),
        [n, d, h, w, u.cout],
        2,
        'valid',
      );
      flops += 2 * n * (d / 2) * (h / 2) * (w / 2) * 8 * u.cin * u.cout;
      const nv = n * d * h * w;
      y = tf.reshape(tf.concat([tf.reshape(up, [nv, u.cout]), tf.reshape(skip, [nv, skip.shape[4]])], 1), [
        n,
        d,
        h,
        w,
        u.cout + skip.shape[4],
      ]);
      y = block(y, dec[j][0], 1);
      y = block(y, dec[j][1], 1);
    }
    const [n, d, h, w] = y.shape;
    flops += convFlops(n, d, h, w, head.cin, head.cout, 1);
    const logits5 = tf.conv3d(y, tf.reshape(head.w, [1, 1, 1, head.cin, head.cout]), 1, 'same');
    return tf.add(tf.reshape(logits5, [n * d * h * w, head.cout]), head.b); // logits as [voxels, classes]
  };
  return { vars, forward, getFlops: () => flops };
}

function makeBatch(B, P, nCls, seed = 7) {
  const rng = mulberry32(seed);
  const x = tf.tensor(randn(B * P * P * P * 4, 1, rng), [B, P, P, P, 4]);
  const lab = new Int32Array(B * P * P * P).map(() => Math.floor(rng() * nCls));
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(lab, 'int32'), nCls).toFloat()); // [voxels, classes]
  return { x, labels };
}

async function unetSection(tag, { norm }) {
  const B = Number(arg('--unet-b', SMALL ? 1 : 2));
  const P = Number(arg('--unet-p', SMALL ? 16 : 64));
  const filters = SMALL && !argv.includes('--full-filters') ? [4, 8, 8, 8, 8] : [32, 64, 128, 256, 320];
  const nCls = 4;
  const net = buildUNet({ inC: 4, nCls, filters, norm });
  const nParams = net.vars.reduce((a, v) => a + v.size, 0);
  log(`${tag}: U-Net filters=${filters} patch=${P}^3 batch=${B} norm=${norm} params=${nParams}`);
  const { x, labels } = makeBatch(B, P, nCls);
  const opt = tf.train.adam(1e-3);
  const lossFn = () => tf.losses.softmaxCrossEntropy(labels, net.forward(x));
  try {
    const rf = await bench(`${tag}_forward`, () => net.forward(x), { warm: 1, reps: 3, budgetS: 30 });
    const fl = net.getFlops();
    RESULT(
      `${tag}_forward_time`,
      rf.med,
      's',
      `n=${rf.n} batch=${B} ${P}^3, fwd flops=${(fl / 1e9).toFixed(1)}G`,
    );
    RESULT(`${tag}_forward_gflops`, fl / rf.med / 1e9, 'GFLOP/s');
  } catch (e) {
    FAILED(`${tag}_forward`, e);
  }
  try {
    const times = [];
    const warmN = 2;
    const lossVals = [];
    for (let i = 0; i < warmN + 5; i++) {
      const est = times.length ? median(times) : undefined;
      if (i > 0 && est !== undefined && left() < est * 1.3) {
        log(`${tag}: stopping (time budget)`);
        break;
      }
      const t0 = performance.now();
      const loss = opt.minimize(lossFn, true, net.vars);
      const lv = (await loss.data())[0];
      loss.dispose();
      const s = (performance.now() - t0) / 1000;
      lossVals.push(lv);
      log(
        `${tag}: step ${i + 1} ${i < warmN ? '(warm-up)' : ''} ${s.toFixed(3)} s loss=${lv.toFixed(4)} numTensors=${tf.memory().numTensors}`,
      );
      if (i >= warmN) times.push(s);
      else if (i === 0 && left() < s * 2.5) {
        times.push(s);
        log(`${tag}: little time left; counting this (warm-up) step`);
      }
      if (left() < s * 1.3) {
        log(`${tag}: stopping (time budget)`);
        break;
      }
    }
    RESULT(
      `${tag}_train_step_median`,
      median(times),
      's',
      `n=${times.length} (after warm-ups) losses=${lossVals.map((v) => v.toFixed(3)).join(',')}`,
    );
    RESULT(`${tag}_train_gflops`, (3 * net.getFlops()) / median(times) / 1e9, 'GFLOP/s', '3x fwd flops');
  } catch (e) {
    FAILED(`${tag}_train`, e);
  }
  x.dispose();
  labels.dispose();
  opt.dispose();
  net.vars.forEach((v) => v.dispose());
}

// ---------------------------------------------------------------- correctness vs the cpu backend
async function evalOn(backend, fn) {
  await tf.setBackend(backend);
  return fn();
}
const relErr = (a, b) => {
  let num = 0,
    den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / (den || 1));
};

async function checkSection() {
  const main = tf.getBackend();
  if (main === 'cpu') {
    log('check: main backend is cpu; comparing cpu with itself (plumbing test)');
  }
  const rng = mulberry32(3);
  const xs = [1, 10, 12, 9, 6],
    fs = [3, 3, 3, 6, 5];
  const xa = randn(
      xs.reduce((a, b) => a * b),
      1,
      rng,
    ),
    fa = randn(
      fs.reduce((a, b) => a * b),
      0.2,
      rng,
    );
  const convOps = async () => {
    const ts = convTensors();
    const out = [];
    for (const z of ts) {
      out.push(await z.data());
      z.dispose();
    }
    return out;
  };
  const convTensors = () =>
    tf.tidy(() => {
      const x = tf.tensor(xa, xs),
        f = tf.tensor(fa, fs);
      const y = tf.conv3d(x, f, [1, 2, 1], 'same');
      const [gx, gf] = tf.grads((a, b) =>
        tf.sum(tf.mul(tf.conv3d(a, b, [1, 2, 1], 'same'), tf.sin(tf.conv3d(a, b, [1, 2, 1], 'same')))),
      )([x, f]);
      const t = tf.conv3dTranspose(
        tf.slice(x, [0, 0, 0, 0, 0], [1, 5, 6, 4, 5]),
        tf.reshape(tf.slice(f, [0, 0, 0, 0, 0], [2, 2, 2, 6, 5]), [2, 2, 2, 6, 5]),
        [1, 10, 12, 8, 6],
        2,
        'valid',
      );
      return [y, gx, gf, t];
    });
  try {
    const got = await evalOn(main, convOps);
    const ref = await evalOn('cpu', convOps);
    const names = ['conv3d', 'conv3d_dx', 'conv3d_dw', 'conv3dTranspose'];
    names.forEach((nm, i) => RESULT(`check_${nm}_relerr`, relErr(got[i], ref[i]), '', `${main} vs cpu`));
  } catch (e) {
    FAILED('check_conv', e);
  } finally {
    await tf.setBackend(main);
  }
  // tiny U-Net: loss + gradients (instance norm, conv3dTranspose, concat) on both backends
  for (const filters of [
    [4, 8, 8, 8, 8],
    [4, 8, 16, 136, 140],
  ]) {
    const unetGrads = async () => {
      const net = buildUNet({ inC: 4, nCls: 4, filters, norm: true, seed: 11 });
      const { x, labels } = makeBatch(1, 16, 4, 5);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(labels, net.forward(x)),
        net.vars,
      );
      const flat = tf.tidy(() =>
        tf.concat(
          net.vars.map((v) => (grads[v.name] ? tf.reshape(grads[v.name], [-1]) : tf.fill([v.size], NaN))),
        ),
      );
      const out = { loss: (await value.data())[0], g: await flat.data() };
      [value, flat, x, labels, ...Object.values(grads), ...net.vars].forEach((t) => t.dispose());
      return out;
    };
    try {
      const got = await evalOn(main, unetGrads);
      const ref = await evalOn('cpu', unetGrads);
      const t = `check_unet_f${filters[filters.length - 1]}`;
      RESULT(`${t}_loss`, `${got.loss.toFixed(6)}(${main})/${ref.loss.toFixed(6)}(cpu)`, '');
      RESULT(`${t}_grads_relerr`, relErr(got.g, ref.g), '', `${got.g.length} grad values, ${main} vs cpu`);
    } catch (e) {
      FAILED(`check_unet_f${filters[filters.length - 1]}`, e);
    } finally {
      await tf.setBackend(main);
    }
  }
}

if (backendOk) {
  log('--- correctness checks vs cpu');
  await checkSection();
  log('--- (d) 3D U-Net with instance norm');
  if (left() > 30) await unetSection('unet_in', { norm: true });
  else console.log('FAILED unet_in skipped: out of time');
  if (argv.includes('--unet-nonorm') && left() > 40) {
    log('--- (d2) 3D U-Net without norm');
    await unetSection('unet_nonorm', { norm: false });
  }
}

log(`done; tf.memory: ${JSON.stringify(tf.memory())}`);
console.log('PROBE_DONE');
process.exit(0);
