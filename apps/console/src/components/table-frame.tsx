import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The frame of every table: a table wider than the screen scrolls sideways inside it (the page never
 * does). When columns lie beyond the frame's right edge, the frame says which ones and fades at that
 * edge: on a phone, the classification column of a ranking is otherwise simply not there.
 */
export function TableFrame({ children }: { children: ComponentChildren }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<string[]>([]);
  useLayoutEffect(() => {
    const frame = scroller.current;
    if (!frame) return;
    const measure = () => {
      const next = columnsBeyond(frame);
      setHidden((before) => (before.join('\u0000') === next.join('\u0000') ? before : next));
    };
    measure();
    frame.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(frame);
    const table = frame.querySelector('table');
    if (table) resized.observe(table);
    return () => {
      frame.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, []);
  return (
    <div class={`table-frame${hidden.length > 0 ? ' more-right' : ''}`}>
      {hidden.length > 0 && (
        <p class="scroll-hint small" data-testid="scroll-hint">
          Còn {hidden.length} cột bên phải: {hidden.join(', ')}. Kéo ngang bảng để xem →
        </p>
      )}
      <div class="table-wrap" ref={scroller}>
        {children}
      </div>
    </div>
  );
}

/** The header cells of the frame's table that end past its right edge (a pixel of rounding allowed). */
function columnsBeyond(frame: HTMLElement): string[] {
  if (frame.scrollWidth <= frame.clientWidth + 1) return [];
  const edge = frame.getBoundingClientRect().right;
  const heads = frame.querySelectorAll<HTMLElement>('table > thead > tr:last-child > th');
  return [...heads].filter((th) => th.getBoundingClientRect().right > edge + 1).map(headText);
}

const headText = (th: HTMLElement): string => (th.textContent ?? '').replace(/\s+/g, ' ').trim();
