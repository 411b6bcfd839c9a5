/** The cpaudit mark: a leaf on a teal tile (the same drawing as public/favicon.svg). */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#137a78" />
      <path
        d="M9 20c0-6 5-11 14-11-1 9-5 14-11 14-1 0-2 0-3-.5M9 23l7-7"
        fill="none"
        stroke="#fff"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
