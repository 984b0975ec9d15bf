import { createContext, useContext } from 'react';

/**
 * True once the person has moved from one page of the console to another. A page's heading then takes the focus
 * when it appears, so keyboard and screen-reader users start reading the new page instead of staying on the menu
 * link. On the first page after sign-in or a reload the focus is left where the browser put it.
 */
export const RouteFocusContext = createContext(false);

export function useRouteFocus(): boolean {
  return useContext(RouteFocusContext);
}
