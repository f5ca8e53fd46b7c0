// The public surface of the calendar feature (issue 21): the time grid and its data.
export { useCalendar, type CalendarBlock, type CalendarDoctor, type CalendarFilters } from "./api/get-calendar";
export { TimeGrid, blockName, type GridColumn, type GridMove } from "./components/time-grid";
export { dayIn, dayLabel, dayView, midnight, plusDays, weekView, type GridView } from "./columns";
