import type { MailRow } from "@/db/queries/notifications";
import { describeNotification, fill, plainText, someone, titleOf } from "@/lib/activity/describe";
import { activityUrls } from "@/lib/activity/urls";
import { absoluteUrl, urls } from "@/lib/urls";

// One notification as an email: the same sentence as the bell, a link to the video, and where
// to switch this kind of email off.

export function notificationEmail(row: MailRow, appUrl: string): { subject: string; text: string } {
  const title = titleOf(row.mediaTitle, row.data.title);
  const sentence = plainText(
    fill(describeNotification(row.kind), { actor: someone(row.actorName), media: title, member: "", generation: "" }),
  );
  const link = row.mediaId
    ? absoluteUrl(appUrl, urls.media(row.teamSlug, row.mediaId))
    : absoluteUrl(appUrl, urls.team(row.teamSlug));
  const settings = absoluteUrl(appUrl, activityUrls.emailSettings());
  return {
    subject: sentence,
    text: `${sentence}.\n\nOpen it: ${link}\n\nTo stop these emails, switch them off: ${settings}\n`,
  };
}
