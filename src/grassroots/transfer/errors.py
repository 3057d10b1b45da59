"""The one error the transfer formats raise: its message is a sentence for the person who
ran the command, printed without a traceback."""


class TransferError(Exception):
    pass
