/** One generated page: its path under `src/` and its markdown. */
export interface Page {
  path: string;
  content: string;
}

/** A sidebar entry as VitePress reads it. */
export interface SidebarItem {
  text: string;
  link?: string;
  items?: SidebarItem[];
  collapsed?: boolean;
}
