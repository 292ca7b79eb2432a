import type { JSX, ReactNode } from 'react'

/** The softphone's stroke icons (same 20×20 grid and style as shell/icons.tsx); always decorative. */
function Icon({ className, children }: { className?: string | undefined; children: ReactNode }): JSX.Element {
  return (
    <svg
      className={className === undefined ? 'icon' : `icon ${className}`}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  )
}

type IconProps = { className?: string }

export const MicIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <rect x="7.25" y="2.75" width="5.5" height="9" rx="2.75" />
    <path d="M4.5 9.5a5.5 5.5 0 0 0 11 0M10 15v2.5" />
  </Icon>
)

export const MicOffIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M12.75 8.5V5.5a2.75 2.75 0 0 0-5.3-1M7.25 8v1a2.75 2.75 0 0 0 4.2 2.3M4.5 9.5a5.5 5.5 0 0 0 8.9 4.3M15.4 11.2c.07-.55.1-1.1.1-1.7M10 15v2.5M3 3l14 14" />
  </Icon>
)

export const HangUpIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M2.6 11.6c4.2-3.7 10.6-3.7 14.8 0 .5.45.5 1.2.05 1.7l-1.3 1.35a1 1 0 0 1-1.3.12l-2-1.4a1 1 0 0 1-.4-.9l.15-1.4a8 8 0 0 0-5.2 0l.15 1.4a1 1 0 0 1-.4.9l-2 1.4a1 1 0 0 1-1.3-.12L2.55 13.3a1.15 1.15 0 0 1 .05-1.7z" />
  </Icon>
)

export const AnswerIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M6.6 3.5H4.3a1 1 0 0 0-1 1.1 13 13 0 0 0 12.1 12 1 1 0 0 0 1.1-1v-2.3a1 1 0 0 0-.8-1l-2.6-.6a1 1 0 0 0-1 .3l-1 1.1a10 10 0 0 1-3.8-3.8l1.1-1a1 1 0 0 0 .3-1l-.6-2.6a1 1 0 0 0-1-.8z" />
  </Icon>
)

export const SlidersIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M4 5.5h7M15 5.5h1M4 14.5h2M10 14.5h6" />
    <circle cx="13" cy="5.5" r="2" />
    <circle cx="8" cy="14.5" r="2" />
  </Icon>
)

export const SpeakerIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M3.5 8v4h3l4 3.5v-11l-4 3.5z" />
    <path d="M13.5 7.2a4 4 0 0 1 0 5.6M15.6 5.2a7 7 0 0 1 0 9.6" />
  </Icon>
)

export const BellIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M5 13.5V9a5 5 0 0 1 10 0v4.5l1.5 1.5h-13zM8.25 17a1.9 1.9 0 0 0 3.5 0" />
  </Icon>
)
