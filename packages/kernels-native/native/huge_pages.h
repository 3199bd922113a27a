// Transparent huge pages for the kernels' outputs. V8 allocates a large typed array as fresh zero
// pages that the kernel writing it faults in 4 KB at a time: about 50 ms per 64 MB output, more than
// an elementwise kernel's own work. Advising huge pages before the first write makes that 2 MB at a
// time (where Linux has THP in 'madvise' or 'always' mode; elsewhere this does nothing).
#pragma once

#include <cstddef>

namespace nnunet {

// Advises huge pages for the 2 MB-aligned part of [data, data + bytes) when it spans at least 4 MB.
void adviseHugePages(void* data, std::size_t bytes);

}  // namespace nnunet
