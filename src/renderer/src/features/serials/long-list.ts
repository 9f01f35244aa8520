import {
  elementScroll,
  observeElementOffset,
  useVirtualizer,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/**
 * Browsers stop growing a scrollable area somewhere between 17 and 33 million pixels, and
 * five million 64-pixel rows are 320 million. Past this height the scroll bar stands for
 * more than one pixel per pixel, and wheel and keys are turned into exact row moves.
 */
const MAX_SCROLL_PX = 8_000_000;

interface Geometry {
  /** List pixels per scroll-bar pixel (1 for lists short enough to scroll natively). */
  ratio: number;
  /** The list offset asked for by a wheel or key move, kept exact despite scroll-bar rounding. */
  precise: { physical: number; virtual: number } | null;
  physical: number;
  virtual: number;
  notify: ((offset: number, isScrolling: boolean) => void) | null;
}

export interface LongList {
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
  readonly items: readonly VirtualItem[];
  /** Height of the scrollable area. */
  readonly height: number;
  /** Where a row is drawn inside the scrollable area. */
  readonly top: (item: VirtualItem) => number;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly scrollToTop: () => void;
}

/** A virtualized list of fixed-height rows that stays exact at any length. */
export function useLongList({
  count,
  rowHeight,
  overscan = 6,
}: {
  readonly count: number;
  readonly rowHeight: number;
  readonly overscan?: number;
}): LongList {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const geometry = useRef<Geometry>({ ratio: 1, precise: null, physical: 0, virtual: 0, notify: null });

  const toVirtual = useCallback((physical: number) => {
    const g = geometry.current;
    let virtual = physical * g.ratio;
    if (g.ratio === 1) virtual = physical;
    else if (g.precise && Math.abs(physical - g.precise.physical) < 1) virtual = g.precise.virtual;
    g.physical = physical;
    g.virtual = virtual;
    return virtual;
  }, []);

  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    observeElementOffset: (instance, notify) => {
      geometry.current.notify = notify;
      return observeElementOffset(instance, (offset, isScrolling) => notify(toVirtual(offset), isScrolling));
    },
    scrollToFn: (offset, options, instance) => {
      const g = geometry.current;
      const target = offset + (options.adjustments ?? 0);
      const physical = target / g.ratio;
      g.precise = g.ratio === 1 ? null : { physical, virtual: target };
      elementScroll(physical, { adjustments: 0, behavior: options.behavior }, instance);
    },
  });

  const viewport = virtualizer.scrollRect?.height ?? scrollRef.current?.clientHeight ?? 0;
  const virtualTotal = count * rowHeight;
  const height = Math.min(virtualTotal, MAX_SCROLL_PX);
  const ratio = virtualTotal > MAX_SCROLL_PX && height > viewport ? (virtualTotal - viewport) / (height - viewport) : 1;
  // The ratio is read by the scroll observer between renders, so it lives in the ref too.
  geometry.current.ratio = ratio;

  const moveTo = useCallback(
    (virtual: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const g = geometry.current;
      const target = Math.max(0, Math.min(virtual, virtualTotal - viewport));
      g.precise = { physical: target / g.ratio, virtual: target };
      element.scrollTop = target / g.ratio;
      g.physical = element.scrollTop;
      g.virtual = target;
      g.notify?.(target, false);
    },
    [virtualTotal, viewport],
  );

  // Wheel moves are taken over only when the scroll bar is scaled; a normal list scrolls natively.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || ratio === 1) return;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? rowHeight : event.deltaMode === 2 ? viewport : 1;
      moveTo(geometry.current.virtual + event.deltaY * unit);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ratio, rowHeight, viewport, moveTo]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (ratio === 1 || event.altKey || event.ctrlKey || event.metaKey) return;
      const current = geometry.current.virtual;
      const page = Math.max(rowHeight, viewport - rowHeight);
      const moves: Record<string, number> = {
        ArrowDown: current + rowHeight,
        ArrowUp: current - rowHeight,
        PageDown: current + page,
        PageUp: current - page,
        Home: 0,
        End: virtualTotal,
      };
      const target = moves[event.key];
      if (target === undefined) return;
      event.preventDefault();
      moveTo(target);
    },
    [ratio, rowHeight, viewport, virtualTotal, moveTo],
  );

  const scrollToTop = useCallback(() => {
    geometry.current.precise = null;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    geometry.current.physical = 0;
    geometry.current.virtual = 0;
  }, []);

  const top = (item: VirtualItem) => item.start - (geometry.current.virtual - geometry.current.physical);

  return {
    scrollRef,
    virtualizer,
    items: virtualizer.getVirtualItems(),
    height,
    top,
    onKeyDown,
    scrollToTop,
  };
}
