/**
 * The cpaudit look: a calm green-blue (teal) primary, quiet neutrals, CJK-first fonts. Ant Design derives hover,
 * active and background shades from the tokens; charts use `CHART_COLORS` so both agree.
 */
import type { ThemeConfig } from 'antd';

/** Teal 600-ish: 5.0:1 contrast against white, enough for button text (WCAG AA, normal text ≥ 4.5:1). */
export const PRIMARY = '#137a78';
/** Deep teal of the top bar and the login panel. */
export const HEADER_BG = '#0d4447';

export const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    colorSuccess: '#3f9142',
    colorWarning: '#c98a12',
    colorError: '#c8453c',
    colorBgLayout: '#f3f6f6',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Layout: {
      headerBg: HEADER_BG,
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: '#f3f6f6',
    },
    Menu: {
      itemSelectedBg: '#e3f1f0',
      itemSelectedColor: PRIMARY,
      groupTitleColor: '#7a8a8a',
      itemHeight: 40,
    },
    Table: { headerBg: '#f1f6f6' },
  },
};

/** Series colours for charts: the primary first, then distinguishable calm hues. */
export const CHART_COLORS = [
  '#137a78',
  '#4a90c2',
  '#8bbf5a',
  '#e0a43a',
  '#9a7cc4',
  '#d0685f',
  '#5fb8b0',
  '#7d8c99',
];
