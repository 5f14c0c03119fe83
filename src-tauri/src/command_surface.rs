//! The app's IPC surface, read from the command functions themselves.
//!
//! Every `#[tauri::command]` in `src/commands/*.rs` is the one place a command is written:
//! `build.rs` derives the handler list and the window's permissions from it, and a test writes
//! the UI's typed wrappers (`ui/src/bindings/commands.ts`) from the same reading.

use std::path::Path;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// One command: where it lives, its name, the arguments the page passes and what it returns.
#[derive(Clone)]
pub struct Command {
    /// The file under `src/commands/` (without `.rs`).
    pub module: String,
    pub name: String,
    pub params: Vec<Param>,
    /// `None` for commands that return nothing.
    pub returns: Option<Type>,
}

#[derive(Clone)]
pub struct Param {
    pub name: String,
    pub ty: Type,
}

/// Arguments Tauri fills in itself, not the page.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) => path.path.segments.last(),
        _ => None,
    }
}

/// The `T` of `Wrapper<T>`.
pub fn generic_argument(ty: &Type) -> Option<&Type> {
    match &last_segment(ty)?.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// The name of a type's last path segment: `Vec` for `Vec<String>`.
pub fn type_name(ty: &Type) -> Option<String> {
    last_segment(ty).map(|s| s.ident.to_string())
}

fn is_command(function: &syn::ItemFn) -> bool {
    function.attrs.iter().any(|attr| {
        let path = attr.path();
        path.segments.len() == 2
            && path.segments[0].ident == "tauri"
            && path.segments[1].ident == "command"
    })
}

fn command_of(module: &str, function: &syn::ItemFn) -> Command {
    let params = function
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(typed),
            FnArg::Receiver(_) => None,
        })
        .filter(|typed| type_name(&typed.ty).is_none_or(|name| !INJECTED.contains(&name.as_str())))
        .map(|typed| Param {
            name: match &*typed.pat {
                Pat::Ident(ident) => ident.ident.to_string(),
                _ => panic!("{module}: a command argument is not a plain name"),
            },
            ty: (*typed.ty).clone(),
        })
        .collect();
    let returns = match &function.sig.output {
        ReturnType::Default => None,
        // `CommandResult<T>` carries `T` to the page, or nothing for `()`.
        ReturnType::Type(_, ty) => match type_name(ty).as_deref() {
            Some("CommandResult") => generic_argument(ty)
                .filter(|t| !matches!(t, Type::Tuple(tuple) if tuple.elems.is_empty()))
                .cloned(),
            _ => Some((**ty).clone()),
        },
    };
    Command {
        module: module.to_string(),
        name: function.sig.ident.to_string(),
        params,
        returns,
    }
}

/// Every command in `commands_dir`, files in name order, commands in file order.
pub fn read(commands_dir: &Path) -> Vec<Command> {
    let mut files: Vec<_> = std::fs::read_dir(commands_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", commands_dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let module = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            if let Item::Fn(function) = item {
                if is_command(&function) {
                    commands.push(command_of(&module, &function));
                }
            }
        }
    }
    commands
}

/// `start_enrichment` → `allow-start-enrichment`: the permission Tauri generates per command.
pub fn permission(command: &Command) -> String {
    format!("allow-{}", command.name.replace('_', "-"))
}

/// `job_id` → `jobId`: how Tauri names a command's arguments on the page.
pub fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}
