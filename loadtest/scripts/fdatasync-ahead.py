#!/usr/bin/env python3
"""fdatasync of a small append, three ways, on the file system of /tmp (or argv[1]): a file that
grows with each record ("grow": each sync writes the inode's new size too), one whose space was
written with zeros first ("zeros": the record lands inside the file, the sync writes its data
alone), one whose space was fallocate'd ("fallocate": unwritten extents, converted by the write).
3,000 appends of 43 bytes (a one-word journal record) each way, p50 and p99 of the sync.
Why the journal writes zeros ahead of its records (store/JournalFile.Channel):
  python3 loadtest/scripts/fdatasync-ahead.py [dir]
"""
import os, sys, time
DIR = sys.argv[1] if len(sys.argv) > 1 else '/tmp'

def run(path, prealloc, n=3000):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    if prealloc == 'zeros':
        os.write(fd, b'\0' * (4 << 20)); os.fsync(fd)
    elif prealloc == 'fallocate':
        os.posix_fallocate(fd, 0, 4 << 20); os.fsync(fd)
    rec = b'x' * 43
    ts = []
    for i in range(n):
        os.pwrite(fd, rec, i * 43)
        t = time.perf_counter(); os.fdatasync(fd); ts.append(time.perf_counter() - t)
    os.close(fd); ts.sort()
    print('%-9s p50 %4.0f us  p99 %4.0f us' % (prealloc, ts[n // 2] * 1e6, ts[n * 99 // 100] * 1e6))

path = os.path.join(DIR, 'fdatasync-ahead.%d.dat' % os.getpid())
try:
    for m in ['grow', 'zeros', 'fallocate', 'grow', 'zeros']:
        run(path, m)
finally:
    os.unlink(path)
