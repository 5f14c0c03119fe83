// Hide the extra console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started again as the workbook reader, this process reads one file and exits.
    zi_core::serve_workbook_reader_if_asked();
    zi_console_lib::run();
}
