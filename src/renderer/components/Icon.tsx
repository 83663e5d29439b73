// Small inline SVG icons. Decorative: the text next to each icon carries the meaning, so
// icons are hidden from assistive technology.
type IconName = 'check' | 'cross' | 'stop' | 'file' | 'key' | 'shield' | 'upload' | 'info'

/** Icons drawn with a circle as well as a path: [cx, cy, r]. */
const CIRCLES: Partial<Record<IconName, [number, number, number]>> = {
  stop: [12, 12, 9.5],
  info: [12, 12, 9.5],
  key: [7.5, 16.5, 4.5],
}

const PATHS: Record<IconName, string> = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  stop: 'M12 7v6M12 16.5v.5',
  file: 'M7 3h7l5 5v13H7zM14 3v5h5',
  key: 'M11 13 20 4M16.5 7.5l2.5 2.5M14 10l2 2',
  shield: 'M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6zM8.5 12l2.5 2.5 4.5-5',
  upload: 'M12 16V4M7 9l5-5 5 5M5 20h14',
  info: 'M12 11v6M12 7.5v.5',
}

export function Icon({ name, className }: { name: IconName; className?: string }) {
  const circle = CIRCLES[name]
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {circle ? <circle cx={circle[0]} cy={circle[1]} r={circle[2]} /> : null}
      <path d={PATHS[name]} />
    </svg>
  )
}
