import { formatRate, ProgressBar, renderProgress } from './progress-bar.js';

describe('renderProgress', () => {
  it('draws the filled share, percent, counts and rate', () => {
    expect(renderProgress({ done: 520_000, total: 1_000_000, elapsedMs: 4727, width: 10 })).toBe(
      '[#####.....]  52% 520000/1000000 events 110k/s',
    );
  });

  it('is full at the end and on an empty log', () => {
    expect(renderProgress({ done: 7, total: 7, elapsedMs: 1000, width: 4 })).toBe(
      '[####] 100% 7/7 events 7/s',
    );
    expect(renderProgress({ done: 0, total: 0, elapsedMs: 0, width: 4 })).toBe('[####] 100% 0/0 events 0/s');
  });

  it('never overflows when done passes total (the log grew meanwhile)', () => {
    expect(renderProgress({ done: 12, total: 10, elapsedMs: 1000, width: 4 })).toBe(
      '[####] 100% 12/10 events 12/s',
    );
  });

  it('formats rates compactly', () => {
    expect([formatRate(950), formatRate(1500), formatRate(2_345_678)]).toEqual(['950', '2k', '2.3M']);
  });
});

describe('ProgressBar', () => {
  const output = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, out: { isTTY, write: (text: string) => chunks.push(text) } };
  };

  it('redraws in place on a terminal, at most once per interval, and always draws the end', () => {
    let now = 0;
    const { chunks, out } = output(true);
    const bar = new ProgressBar(out, { intervalMs: 100, now: () => now });
    bar.update(10, 100);
    now = 50;
    bar.update(20, 100); // too soon: skipped
    now = 150;
    bar.update(30, 100);
    bar.finish();
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.startsWith('\r'))).toBe(true);
    expect(chunks[1]).toContain(' 30/100 ');
    expect(chunks[2]!.endsWith('\n')).toBe(true);
  });

  it('writes one plain line per tenth on a pipe', () => {
    const { chunks, out } = output(false);
    const bar = new ProgressBar(out, { now: () => 0 });
    for (let done = 0; done <= 1000; done += 50) bar.update(done, 1000);
    bar.finish();
    expect(chunks).toHaveLength(11);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    expect(chunks[10]).toContain('100%');
  });
});
