import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";

/** A server page's HTML as a browser would get it: prerender waits for its async parts, which renderToStaticMarkup cannot. */
export async function html(page: Promise<ReactNode> | ReactNode): Promise<string> {
  const { prelude } = await prerender(createElement("div", null, await page));
  // React separates adjacent text with <!-- -->; the tests read the text as a person would.
  return (await new Response(prelude).text()).replaceAll("<!-- -->", "");
}
