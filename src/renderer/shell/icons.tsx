import type { JSX, ReactNode } from 'react'

/** Small stroke icons (20×20 grid, currentColor); always decorative: the text next to them says it. */
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

export const SearchIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <circle cx="8.5" cy="8.5" r="5.25" />
    <path d="m12.5 12.5 4 4" />
  </Icon>
)

export const IncomingIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M15 5 5.5 14.5M5.5 8v6.5H12" />
  </Icon>
)

export const OutgoingIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M5 15 14.5 5.5M8 5.5h6.5V12" />
  </Icon>
)

export const HeadphonesIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M3.5 12.5V10a6.5 6.5 0 0 1 13 0v2.5" />
    <rect x="3" y="11.5" width="3.5" height="5" rx="1.2" />
    <rect x="13.5" y="11.5" width="3.5" height="5" rx="1.2" />
  </Icon>
)

export const WhisperIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M4 4.5h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H9l-3.5 3v-3H4a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z" />
    <path d="M7 9h.01M10 9h.01M13 9h.01" strokeWidth="2.2" />
  </Icon>
)

export const BargeIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <circle cx="7.5" cy="7" r="2.75" />
    <path d="M2.75 16.5a4.75 4.75 0 0 1 9.5 0" />
    <path d="M15.5 6.5v6M12.5 9.5h6" />
  </Icon>
)

export const PauseIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M7.5 5v10M12.5 5v10" strokeWidth="2.2" />
  </Icon>
)

export const CloseIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="m5.5 5.5 9 9M14.5 5.5l-9 9" />
  </Icon>
)

export const SortIcon = ({ direction }: { direction: 'ascending' | 'descending' | 'none' }): JSX.Element => (
  <svg className={`sort-icon sort-${direction}`} viewBox="0 0 12 16" aria-hidden="true" focusable="false">
    <path className="sort-up" d="M6 2.5 9.5 6.5h-7z" />
    <path className="sort-down" d="M6 13.5 2.5 9.5h7z" />
  </svg>
)

export const PhoneIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M6.6 3.5H4.3a1 1 0 0 0-1 1.1 13 13 0 0 0 12.1 12 1 1 0 0 0 1.1-1v-2.3a1 1 0 0 0-.8-1l-2.6-.6a1 1 0 0 0-1 .3l-1 1.1a10 10 0 0 1-3.8-3.8l1.1-1a1 1 0 0 0 .3-1l-.6-2.6a1 1 0 0 0-1-.8z" />
  </Icon>
)

export const ServerIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <rect x="3" y="3.5" width="14" height="5.5" rx="1.5" />
    <rect x="3" y="11" width="14" height="5.5" rx="1.5" />
    <path d="M6 6.25h.01M6 13.75h.01" strokeWidth="2.4" />
  </Icon>
)

export const SparkIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M10 2.5v3M10 14.5v3M2.5 10h3M14.5 10h3M4.7 4.7l2.1 2.1M13.2 13.2l2.1 2.1M4.7 15.3l2.1-2.1M13.2 6.8l2.1-2.1" />
  </Icon>
)

export const WarningIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <path d="M10 3.2 17.5 16H2.5z" />
    <path d="M10 8.2v3.6M10 14h.01" strokeWidth="2" />
  </Icon>
)

export const PersonIcon = ({ className }: IconProps): JSX.Element => (
  <Icon className={className}>
    <circle cx="10" cy="7" r="3.25" />
    <path d="M3.75 17a6.25 6.25 0 0 1 12.5 0" />
  </Icon>
)

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
