import type { JSX } from 'react'

/** The app icon (resources/icon.svg), simplified so it stays crisp at 28 px. */
export function BrandMark(): JSX.Element {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="brand-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#14b8a6" />
          <stop offset="1" stopColor="#2563eb" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#brand-gradient)" />
      <path
        d="M10 6.5h12a4.5 4.5 0 0 1 4.5 4.5v7a4.5 4.5 0 0 1-4.5 4.5h-8l-4.6 3.4a.6.6 0 0 1-.95-.6l.55-3.1A4.5 4.5 0 0 1 5.5 18v-7A4.5 4.5 0 0 1 10 6.5z"
        fill="#fff"
      />
      <g fill="#1769c9">
        <rect x="10.3" y="12.2" width="2.4" height="4.6" rx="1.2" />
        <rect x="14.8" y="9.8" width="2.4" height="9.4" rx="1.2" />
        <rect x="19.3" y="11.4" width="2.4" height="6.2" rx="1.2" />
      </g>
    </svg>
  )
}
