#!/bin/bash
# Run on the device machine from the repo root: bash .gpuprobe/run_device.sh
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
exec > >(tee "$OUT/setup.log") 2>&1
T0=$(date +%s); ts() { echo "[$(( $(date +%s) - T0 ))s] $*"; }
[ -n "$SKIP_DEBS" ] || { for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; }
ts "debs unpacked"; ldconfig -p | grep -i "libvulkan\|libEGL.so" | head -5
nvidia-smi -L; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
ls -la /usr/local/nvidia/share/vulkan/icd.d/ /etc/vulkan/icd.d /usr/share/vulkan/icd.d 2>&1 | head -20
gunzip -c .gpuprobe/bin/node.gz > /tmp/node && chmod +x /tmp/node && /tmp/node --version || { echo "FAILED node binary"; exit 1; }
cd .gpuprobe && tar xzf bin/nm.tar.gz && ts "node_modules unpacked"
export XDG_RUNTIME_DIR=/tmp
ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
FLAGS=()
if timeout 60 /tmp/node adapters.mjs vulkan; then ts "vulkan adapter found without VK_DRIVER_FILES"
elif [ -f $ICD ] && VK_DRIVER_FILES=$ICD timeout 60 /tmp/node adapters.mjs vulkan; then export VK_DRIVER_FILES=$ICD; ts "vulkan adapter found with VK_DRIVER_FILES=$ICD"
else
  ts "NO vulkan adapter; trying Dawn's OpenGL ES backend through EGL"
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  if timeout 60 /tmp/node adapters.mjs opengles; then FLAGS=(--dawn-flags backend=opengles --feature-level compatibility)
  else echo "FAILED no WebGPU adapter at all (vulkan, opengles)"; fi
fi
ts "probe start ${FLAGS[*]}"
timeout -s KILL ${PROBE_S:-240} /tmp/node probe.mjs --unet-nonorm --watchdog $(( ${PROBE_S:-240} - 10 )) "${FLAGS[@]}" > "$OUT/probe.log" 2>&1
echo "probe rc=$?"; grep -E "^(RESULT|FAILED|PROBE_DONE)" "$OUT/probe.log"
ts "torch start"
PYTHONUNBUFFERED=1 timeout -s KILL ${TORCH_S:-80} python3 torchref.py > "$OUT/torch.log" 2>&1
echo "torch rc=$?"; grep -E "^(RESULT|FAILED)|TORCH_DONE" "$OUT/torch.log"
ts "all done"
