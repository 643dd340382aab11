import { HistoryList } from "@/components/media/history-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { HistoryEntry } from "@/lib/media/detail";

export function HistoryCard({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Every generation of this video, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        <HistoryList entries={entries} />
      </CardContent>
    </Card>
  );
}
