import fs from 'node:fs';
import { lowerThisThreadPriority } from './thread-priority.js';

/** The nice value of the calling thread (field 19 of /proc/thread-self/stat). */
function ownNice(): number {
  const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const linux = fs.existsSync('/proc/thread-self');

(linux ? describe : describe.skip)('lowerThisThreadPriority (Linux)', () => {
  it('lowers the calling thread by the amount asked, relative to where it stands, and names the thread', () => {
    const before = ownNice();
    const tid = lowerThisThreadPriority(1);
    expect(tid).toBe(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
    expect(ownNice()).toBe(Math.min(19, before + 1));
    lowerThisThreadPriority(1);
    expect(ownNice()).toBe(Math.min(19, before + 2));
  });
});
