# PyTorch/cuDNN reference for the same shapes as probe.mjs (fp32; TF32 off unless stated).
import sys, time, statistics
import torch
import torch.nn as nn
import torch.nn.functional as F

small = '--small' in sys.argv
dev = 'cuda' if torch.cuda.is_available() else 'cpu'
torch.backends.cudnn.benchmark = True
torch.backends.cudnn.allow_tf32 = False
torch.backends.cuda.matmul.allow_tf32 = False
T0 = time.time()


def log(*a):
    print(f'[{time.time() - T0:6.1f}s]', *a, flush=True)


def R(name, v, unit, extra=''):
    print(f'RESULT torch_{name} {v:.5g} {unit}' + (f'  # {extra}' if extra else ''), flush=True)


def sync():
    if dev == 'cuda':
        torch.cuda.synchronize()


def bench(fn, warm=3, reps=10):
    for _ in range(warm):
        fn()
    sync()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        sync()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


log('torch', torch.__version__, 'device', dev, torch.cuda.get_device_name(0) if dev == 'cuda' else '')


def conv_case(tag, n, s, cin, cout, bwd=True):
    flops = 2 * n * s ** 3 * 27 * cin * cout
    x = torch.randn(n, cin, s, s, s, device=dev, requires_grad=True)
    w = torch.randn(cout, cin, 3, 3, 3, device=dev, requires_grad=True)
    with torch.no_grad():
        t = bench(lambda: F.conv3d(x, w, padding=1))
    R(f'{tag}_fwd_time', t, 's')
    R(f'{tag}_fwd_gflops', flops / t / 1e9, 'GFLOP/s', 'fp32, TF32 off')
    if bwd:
        y = F.conv3d(x, w, padding=1)
        g = torch.randn_like(y)
        t = bench(lambda: torch.autograd.grad(y, (x, w), g, retain_graph=True))
        R(f'{tag}_bwd_both_time', t, 's', 'dx+dw')
        R(f'{tag}_bwd_both_gflops', 2 * flops / t / 1e9, 'GFLOP/s', 'dx+dw = 2x fwd flops')
    torch.backends.cudnn.allow_tf32 = True
    with torch.no_grad():
        t = bench(lambda: F.conv3d(x, w, padding=1))
    torch.backends.cudnn.allow_tf32 = False
    R(f'{tag}_fwd_tf32_gflops', flops / t / 1e9, 'GFLOP/s', 'TF32 on (cuDNN default)')


try:
    conv_case('conv3d_48', 1, 8 if small else 48, 32, 32)
    conv_case('conv3d_64b2', 2, 8 if small else 64, 32, 32, bwd=False)
except Exception as e:
    print('FAILED torch_conv', repr(e), flush=True)


class Block(nn.Module):
    def __init__(self, cin, cout, stride, norm):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, 3, stride, 1)
        self.norm = nn.InstanceNorm3d(cout, affine=True) if norm else nn.Identity()
        self.act = nn.LeakyReLU(0.01)

    def forward(self, x):
        return self.act(self.norm(self.conv(x)))


class UNet(nn.Module):
    def __init__(self, inc=4, ncls=4, f=(32, 64, 128, 256, 320), norm=True):
        super().__init__()
        self.enc = nn.ModuleList([nn.Sequential(Block(inc if i == 0 else f[i - 1], f[i], 1 if i == 0 else 2, norm),
                                                Block(f[i], f[i], 1, norm)) for i in range(len(f))])
        self.ups = nn.ModuleList([nn.ConvTranspose3d(f[i + 1], f[i], 2, 2, bias=False) for i in reversed(range(len(f) - 1))])
        self.dec = nn.ModuleList([nn.Sequential(Block(2 * f[i], f[i], 1, norm), Block(f[i], f[i], 1, norm))
                                  for i in reversed(range(len(f) - 1))])
        self.head = nn.Conv3d(f[0], ncls, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
        for j, (u, d) in enumerate(zip(self.ups, self.dec)):
            x = d(torch.cat([u(x), skips[-2 - j]], 1))
        return self.head(x)


for norm in (True, False):
    tag = 'unet_in' if norm else 'unet_nonorm'
    try:
        B, P = (1, 32) if small else (2, 64)
        net = UNet(norm=norm).to(dev)
        opt = torch.optim.Adam(net.parameters(), 1e-3)
        x = torch.randn(B, 4, P, P, P, device=dev)
        lab = torch.randint(0, 4, (B, P, P, P), device=dev)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(x), lab)
            loss.backward()
            opt.step()
            return loss

        with torch.no_grad():
            t = bench(lambda: net(x), warm=2, reps=5)
        R(f'{tag}_forward_time', t, 's', f'batch={B} {P}^3 fp32')
        t = bench(step, warm=2, reps=5)
        R(f'{tag}_train_step_median', t, 's', f'batch={B} {P}^3 fp32 TF32 off, Adam')
        torch.backends.cudnn.allow_tf32 = True
        t = bench(step, warm=2, reps=5)
        torch.backends.cudnn.allow_tf32 = False
        R(f'{tag}_train_step_tf32', t, 's', 'TF32 on')
        del net, opt
    except Exception as e:
        print(f'FAILED torch_{tag}', repr(e), flush=True)
log('TORCH_DONE')
